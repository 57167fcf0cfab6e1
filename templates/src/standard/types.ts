// The types of a standard definition, inferred from its zod schema (definition.ts).
export type {
  CategoryProse,
  ColumnDef,
  ColumnType,
  Definition,
  DefinitionInput,
  FieldType,
  InfoFieldDef,
  MetricDef,
  MetricRuleDef,
  NumberStyle,
  PeriodDef,
  ReportKindDef,
  ReportProse,
  SheetNames,
  VocabDef,
} from './definition';
