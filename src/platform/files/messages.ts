/**
 * Error wording for uploads, after the GOV.UK Design System's file upload component, shared by the
 * evidence store and the multipart reader so a person sees the same sentence whichever refuses.
 */

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** "10MB", "512KB": how GOV.UK writes a size limit in an error message. */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))}MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)}KB`;
  return `${bytes} bytes`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

export const uploadMessages = {
  empty: 'The selected file is empty',
  tooLarge: (maxBytes: number) => `The selected file must be smaller than ${describeSize(maxBytes)}`,
  wrongType: 'The selected file must be a JPG, PNG, WebP, HEIC or PDF',
  damaged: 'The selected file cannot be opened – it may be damaged. Select a different file',
  nameDisagrees: (actual: string, extension: string) =>
    `The selected file is a ${actual} but its name ends in .${extension} – select the original file`,
  typeDisagrees: (actual: string, declared: string) => `The selected file is a ${actual} but was sent as ${declared}`,
  tooMany: (maxFiles: number) => `You can only select up to ${maxFiles} ${maxFiles === 1 ? 'file' : 'files'} at the same time`,
  notUploaded: 'The selected file could not be uploaded – try again',
  answerTooLong: (maxBytes: number) => `The answer must be ${maxBytes} characters or fewer`,
  tooManyFields: 'The form has too many answers – reload the page and try again',
} as const;
