/** A field's error under it, announced by screen readers; an empty slot keeps the layout still. */
export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  return (
    <p id={id} className="field-error" aria-live="polite">
      {message ?? ""}
    </p>
  );
}
