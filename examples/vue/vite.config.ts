import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // Vue must leave <support-bot> to the browser's custom element registry.
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'support-bot' } } }),
  ],
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
});
