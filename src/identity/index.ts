export * from './ids.js';
export * from './arn.js';
export * from './names.js';
export * from './time.js';
