// Clerk's later sign-in steps (second factor, SSO callback) under /sign-in/*: the same page.
export { default, generateMetadata } from '../page';
