import { createApp } from 'vue'
import App from './App.vue'
import './style.css'
import { plugin } from './volley'

createApp(App).use(plugin()).mount('#app')
