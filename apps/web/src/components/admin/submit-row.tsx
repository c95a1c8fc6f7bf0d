/**
 * A form's submit button, saying what it is doing while the save runs, and the sentence a
 * finished save is answered with, announced to screen readers.
 */
export function SubmitRow({
  label,
  busyLabel,
  pending,
  disabled = false,
  status,
}: {
  label: string;
  busyLabel: string;
  pending: boolean;
  disabled?: boolean;
  status: string;
}) {
  return (
    <div className="actions">
      <button type="submit" disabled={disabled || pending}>
        {pending ? busyLabel : label}
      </button>
      <p className="saved" role="status">
        {status}
      </p>
    </div>
  );
}
