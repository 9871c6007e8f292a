/** What a server action hands back to its form: a message and each field's errors. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export const initialActionState: ActionState = {};

/**
 * A server action a component calls with its input. Pages pass actions down as props: components
 * don't import app/ (the layer rules).
 */
export type ServerAction<Input, Data = unknown> = (input: Input) => Promise<ActionState & { data?: Data }>;

/** A form's server action, as useActionState takes it. */
export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
