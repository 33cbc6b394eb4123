// Tailwind CSS 4 runs as a PostCSS plugin in Next.js; the デジタル庁 tokens load from app/globals.css.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
