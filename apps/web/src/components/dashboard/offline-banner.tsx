import { timeOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";

/** Shown while polls fail: the numbers on screen are the last ones that arrived. */
export function OfflineBanner({ since }: { since: number | null }) {
  const timeZone = useTimeZone();
  if (since === null) return null;
  const time = timeOf(new Date(since), timeZone);
  return (
    <div className="banner" role="alert">
      Can't reach the server. These numbers are from {time} and may be out of date; retrying every 5
      seconds.
    </div>
  );
}
