// How many messages a chat view loads at a time. Its own module so the new-chat screen, which
// seeds the chat view's cache with the first page, does not pull the chat view into the first
// load of /.
export const MESSAGE_PAGE_SIZE = 50;
