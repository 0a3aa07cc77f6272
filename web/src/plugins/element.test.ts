// Every <el-…> tag used in a page or component is a registered Element Plus
// component: one left out of installElement() renders as nothing at all.
import { describe, expect, it } from 'vitest'
import { createApp } from 'vue'
import { installElement } from './element'

const sources = import.meta.glob<string>('../**/*.vue', { query: '?raw', import: 'default', eager: true })

describe('installElement', () => {
  it('registers every Element Plus component the app uses', () => {
    const app = createApp({})
    installElement(app)
    const missing = new Set<string>()
    for (const [file, text] of Object.entries(sources)) {
      for (const [, tag] of text.matchAll(/<el-([a-z-]+)/g)) {
        const name = 'El' + tag.split('-').map((w: string) => w[0].toUpperCase() + w.slice(1)).join('')
        if (!app.component(name)) missing.add(`${name} (${file})`)
      }
    }
    expect(Object.keys(sources).length).toBeGreaterThan(20)
    expect([...missing]).toEqual([])
  })
})
