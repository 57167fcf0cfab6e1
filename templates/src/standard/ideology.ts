// The built-in 意识形态 standard, parsed from its data file (templates/definitions/ideology.json).
export { ideologyDefinition, definition } from './registry';
