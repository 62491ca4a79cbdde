// Apart from the zod schemas of ./notifications, so that the bell, on every page, does not bring
// zod into the browser for one number.

// The bell shows "99+" from here on: counting further costs time and tells the reader nothing.
export const UNREAD_COUNT_CAP = 100;
