// "Where the time goes" per benchmark: written by hand from profiles, kept beside the numbers.
export const notes: Record<string, string> = {};
