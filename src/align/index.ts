export { compare, comparePrepared, type AlignedPassage, type Alignment, type AlignmentKind, type ArticleText, type Comparison, type CompareOptions } from './compare.js';
export { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from './options.js';
export { findRepeats, type Repeat, type RepeatOptions } from './repeats.js';
export { decideDirection, decideRelation, type Direction, type Relation, type RelationFeatures } from './relation.js';
export { editSimilarity } from './similarity.js';
