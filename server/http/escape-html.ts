/** Text for HTML written by hand (the app server's own answers): every character that could end an attribute or start markup, as a character reference. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
