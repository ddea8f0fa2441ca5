import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './locales'
import './styles.css'

const app = createApp(App)
for (const [name, component] of Object.entries(Icons)) {
  app.component(name, component)
}
app.use(createPinia()).use(i18n).use(router).use(ElementPlus)
app.mount('#app')
