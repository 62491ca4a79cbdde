// Apart from the zod schema of ./password, so that the password forms can say the limits
// without bringing zod into the browser.

// Length is what makes a password strong (NIST SP 800-63B, ASVS V6.2): at least 15 characters,
// long passphrases welcome, no composition rules.
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;
