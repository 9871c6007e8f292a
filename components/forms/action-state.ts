/** What a server action hands back to its form: a message and each field's errors. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export const initialActionState: ActionState = {};
