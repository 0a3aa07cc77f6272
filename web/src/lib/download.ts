// Hands a file fetched by the app (with the session, errors as ApiError) to
// the browser as a download.
import type { Download } from '@/api/client'

/** Saves `file` under its server-given name (or `fallbackName`). */
export function saveDownload(file: Download, fallbackName: string): string {
  const name = file.filename || fallbackName
  const url = URL.createObjectURL(file.blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has read the URL once the click is handled; give it time anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
