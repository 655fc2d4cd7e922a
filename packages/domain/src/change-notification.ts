/** External customer data changes a partner reports (seed 000). */
export const CHANGE_TYPES = ['PASSWORD_CHANGED'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
