import type { FormRule } from 'antd';

/** A form rule from a "what is wrong with this value" function, checked as the user types (validateTrigger onChange). */
export function problemRule(problem: (value: string) => string | null): FormRule {
  return {
    validator: (_r, v: string = '') => {
      const p = problem(v);
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  };
}
