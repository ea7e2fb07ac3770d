export { compare, comparePrepared, mirror as mirrorComparison, type AlignedPassage, type Alignment, type AlignmentKind, type ArticleText, type CompareContext, type Comparison, type CompareOptions } from './compare.js';
export { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from './options.js';
export { findRepeats, type Repeat, type RepeatOptions } from './repeats.js';
export { decideDirection, decideRelation, directionOf, type Direction, type DirectionDecision, type DirectionReason, type Relation, type RelationFeatures } from './relation.js';
export { DEFAULT_SCORE_MODEL, relationScore, SCORE_THRESHOLDS, type ScoreFeatures, type ScoreModel } from './score.js';
export { backgroundRarity, type RarityWeight } from './rarity.js';
export { editSimilarity } from './similarity.js';
export { sharedSpans, type CharSpan, type SharedSpans } from './shared-spans.js';
