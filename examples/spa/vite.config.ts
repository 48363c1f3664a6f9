import { defineConfig } from 'vite';

export default defineConfig({
  // The widget resolves its workers from `assetsUrl`, so nothing of it needs pre-bundling tricks.
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
});
