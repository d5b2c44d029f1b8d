// The minimal Next.js app the REST benchmark uses as the framework's own floor.
export default {};
