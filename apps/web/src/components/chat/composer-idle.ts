// What the composer needs only once files are involved: the chips of added files, and the types
// the file picker offers. A chunk of its own, fetched when the page is idle (or a file arrives);
// a picker opened before it has arrived offers every file, and the server decides from the bytes
// whatever is chosen, as it always does.
export { AttachmentChips } from './attachment-chips';

/** What the file picker offers. */
export const PICKER_ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,application/pdf,text/*,application/json,.md,.markdown,.csv,.json,.txt,.ts,.tsx,.js,.jsx,.py,.rb,.go,.rs,.java,.kt,.c,.h,.cpp,.cs,.php,.sh,.sql,.yaml,.yml,.toml,.xml,.html,.css';
