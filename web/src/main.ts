import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import 'leaflet/dist/leaflet.css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { installElement } from './plugins/element'
import { router } from './router'

const app = createApp(App)
installElement(app)
app.use(i18n)
app.use(router)
app.mount('#app')
