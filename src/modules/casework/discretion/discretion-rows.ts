import { percentToBasisPoints } from '../../../domain/penalty/money.js';
import type { ProjectedEvent } from '../../../platform/projections/projector.js';
import type { discretionDecisions } from '../schema.js';

interface Item {
  reasonCode: string;
  explanation: string | null;
  percent: number;
  afterMeans: boolean;
  reducedPence: number;
}

/** Pure: the consistency view's rows for one `DiscretionApproved` event (one per item). */
export function discretionRows(caseId: string, portCode: string, event: Pick<ProjectedEvent, 'streamId' | 'version' | 'payload'>): (typeof discretionDecisions.$inferInsert)[] {
  const p = event.payload as { liabilityId: string; by: string; on: string; author: string; amountPence: number; items?: Item[] };
  return (p.items ?? []).map((item, index) => ({
    id: `${event.streamId}:${event.version}:${index}`,
    caseId,
    liabilityId: p.liabilityId,
    portCode,
    reasonCode: item.reasonCode,
    explanation: item.explanation,
    basisPoints: percentToBasisPoints(item.percent) ?? 0,
    afterMeans: item.afterMeans,
    reducedPence: item.reducedPence,
    recommendedPence: p.amountPence,
    draftedBy: p.author,
    approvedBy: p.by,
    approvedOn: p.on,
  }));
}
