/* Preparing an appeal for court: read by the domain's decisions, so kept in src/domain/case/appeal-preparation.ts. */
export {
  appealPreparationOf,
  BUNDLE_ITEMS,
  HEARING_TYPES,
  preparationRefusal,
  type BundleItem,
  type BundleTick,
  type Hearing,
  type HearingType,
  type WitnessStatement,
} from '../../../domain/case/appeal-preparation.js';
