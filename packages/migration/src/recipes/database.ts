// A stand-in for the database of the `cors` README's dynamic-origin example: it answers
// `loadOrigins(callback)` on a later turn of the event loop, as a driver does. A real driver
// lets an error thrown by the callback escape (and crash the process); this one keeps it in
// `callbackErrors`, so that a test can show what such a callback did.

export const ALLOWED_ORIGINS: readonly string[] = ['https://app.example'];

export const db = {
  callbackErrors: [] as unknown[],
  loadOrigins(callback: (error: Error | null, origins: string[]) => void): void {
    setImmediate(() => {
      try {
        callback(null, [...ALLOWED_ORIGINS]);
      } catch (error) {
        db.callbackErrors.push(error);
      }
    });
  },
};
