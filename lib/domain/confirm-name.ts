// A destructive action confirmed by typing the resource's name, as Azure asks for it.

/**
 * Whether the typed text names the resource: its exact name, spaces around it aside. The forms
 * enable their button and the services accept the action by this one rule, so they never disagree.
 */
export function confirmsName(typed: string | undefined, name: string): boolean {
  return typed?.trim() === name;
}
