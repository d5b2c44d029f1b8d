// What the browser bundle knows of its build: Next.js inlines process.env.NODE_ENV when it
// builds, so this is a constant of the bundle, safe in client components (unlike ~/env, which
// validates the server's runtime settings).
export const isProductionBuild = process.env.NODE_ENV === 'production';
