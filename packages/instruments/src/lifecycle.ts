import type { VirtualAssignmentStatus } from '@wallet/domain';

/**
 * The request lifecycle. PENDING: requested, not yet taken by the issuer. ACCEPTED: the issuer took
 * it and will answer. COMPLETED, REJECTED and FAILED are final. Nothing else is a legal move.
 */
const NEXT: Record<VirtualAssignmentStatus, readonly VirtualAssignmentStatus[]> = {
  PENDING: ['ACCEPTED', 'REJECTED', 'FAILED'],
  ACCEPTED: ['COMPLETED', 'REJECTED', 'FAILED'],
  COMPLETED: [],
  REJECTED: [],
  FAILED: [],
};

/** Statuses of a request the issuer may still act on: a second request of the same type is refused. */
export const OPEN_STATUSES: readonly VirtualAssignmentStatus[] = ['PENDING', 'ACCEPTED'];

export function canTransition(from: VirtualAssignmentStatus, to: VirtualAssignmentStatus): boolean {
  return NEXT[from].includes(to);
}

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A request in status ${from} cannot become ${to}`);
  }
}

/** Throws IllegalTransitionError unless `from` may become `to`. */
export function assertTransition(from: VirtualAssignmentStatus, to: VirtualAssignmentStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
