/** The change-password page: every user's own, and all a temporary password opens. */
export const CHANGE_PASSWORD_PATH = "/account/password";
