declare const reference: {
  REFERENCE_HASHES: number;
  work(): string;
  alone(): number;
};
export = reference;
