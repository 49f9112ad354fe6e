// The @volley/react README quick start (App.tsx, volley.ts, contract.ts are copied from the package's tests).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App url="http://localhost:3000" />
  </StrictMode>,
)
