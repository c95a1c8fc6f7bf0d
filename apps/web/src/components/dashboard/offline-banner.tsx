/** Shown while polls fail: the numbers on screen are the last ones that arrived. */
export function OfflineBanner({ since }: { since: number | null }) {
  if (since === null) return null;
  const time = new Date(since).toLocaleTimeString("en-GB");
  return (
    <div className="banner" role="alert">
      Can't reach the server. These numbers are from {time} and may be out of date; retrying every 5
      seconds.
    </div>
  );
}
