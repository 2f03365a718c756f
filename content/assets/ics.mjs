/* The calendar file's text rules (RFC 5545), for the planner's download (assets/plan.js): pure functions, so that
 * tests/js/ics.test.mjs can feed them any text. An ES module. */

const encoder = new TextEncoder();

/** A TEXT value: backslash, semicolon and comma escaped, each line break (LF, CRLF or a lone CR) as \n. */
export function icsText(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** A content line folded at 75 octets: CRLF, then one space, never inside a UTF-8 character. */
export function fold(line) {
  const out = [];
  let current = "", size = 0;
  Array.from(line).forEach(function (ch) {
    const bytes = encoder.encode(ch).length;
    if (size + bytes > 75) { out.push(current); current = " "; size = 1; }
    current += ch;
    size += bytes;
  });
  out.push(current);
  return out.join("\r\n");
}
