/** Time as services see it, passed in so tests can hold it still. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
