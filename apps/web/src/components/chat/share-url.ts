// The public address of a shared chat's snapshot (issue 17).
export function shareUrl(id: string): string {
  return `${window.location.origin}/s/${id}`;
}
