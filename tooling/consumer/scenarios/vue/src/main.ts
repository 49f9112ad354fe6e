// The @volley/vue README quick start (Chat.vue, volley.ts, contract.ts are copied from the package's tests).
import { createApp } from 'vue'
import Chat from './Chat.vue'
import { plugin } from './volley'

createApp(Chat)
  .use(plugin({ url: 'http://localhost:3000' }))
  .mount('#app')
