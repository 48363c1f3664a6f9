/**
 * A Vue 3 app: importing `@support-bot/widget` defines `<support-bot>`; `@support-bot/widget/vue`
 * types it in templates (vue-tsc checks `App.vue` with strictTemplates).
 */
import '@support-bot/widget';
import type {} from '@support-bot/widget/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
