import { STATUS_TEXT } from "~/lib/format.ts";

/** A score or limit status in words, coloured by admin.css; the word carries the meaning. */
export function StatusBadge({ status }: { status: keyof typeof STATUS_TEXT }) {
  return (
    <span className="status" data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}
