import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'
import { mountWithApp } from '@/test/mount'
import type { Category } from '@/api/types'
import CategoryDialog from './CategoryDialog.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const EXISTING: Category = {
  id: 1,
  code: 'dispute',
  parent_id: null,
  name_zh: '矛盾纠纷',
  name_en: 'Disputes',
  pinyin: 'mdjf',
  icon: 'handshake',
  level: 'micro',
  path: 'micro_grid',
  needs_verification: true,
  hours: { accept: 1, dispatch: 1, resolve: 16, verify: 8 },
  enabled: true,
}

async function open(category: Category | null = null) {
  const wrapper = mountWithApp(CategoryDialog, {
    props: { modelValue: false, category, all: [EXISTING] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

function type(id: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(`#${id}`)!
  input.value = value
  input.dispatchEvent(new Event('input'))
}
/** Element Plus shows a field's error after a short debounce. */
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}
const save = () => document.querySelector<HTMLElement>('[data-testid="cat-save"]')!.click()
const fieldError = (id: string) =>
  document.querySelector(`#${id}`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''

describe('CategoryDialog', () => {
  it('shows its own checks at the fields without calling the server', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    await open()
    type('cat-code', 'dispute')
    await nextTick()
    save()
    await settle()
    expect(fieldError('cat-code')).toBe('这个编码已被其他类别使用')
    expect(fieldError('cat-name_zh')).toBe('必填')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('shows the server refusal at the field it names, then saves', async () => {
    const created = { ...EXISTING, id: 2, code: 'noise', name_zh: '噪音', name_en: 'Noise', pinyin: 'zy' }
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response('{"error":{"code":"invalid","message":"\'accept\' is a number of working hours in (0, 2000]","details":{"field":"accept"}}}', { status: 400 }),
      )
      .mockResolvedValueOnce(new Response(JSON.stringify(created), { status: 201 }))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await open()
    type('cat-code', 'noise')
    type('cat-name_zh', '噪音')
    type('cat-name_en', 'Noise')
    type('cat-pinyin', 'ZY')
    await nextTick()
    save()
    await settle()
    expect(fieldError('cat-accept')).toMatch(/working hours/)
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/v1/categories')
    expect(JSON.parse(init.body as string)).toMatchObject({ code: 'noise', name_zh: '噪音', pinyin: 'zy', hours: { accept: 2 } })

    save()
    await flushPromises()
    expect(wrapper.emitted('saved')?.[0]).toEqual([created])
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })

  it('edits a category with PATCH', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ ...EXISTING, name_en: 'Neighbour disputes' }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = await open(EXISTING)
    expect(document.querySelector<HTMLInputElement>('#cat-code')!.value).toBe('dispute')
    type('cat-name_en', 'Neighbour disputes')
    await nextTick()
    save()
    await flushPromises()
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect([url, init.method]).toEqual(['/api/v1/categories/1', 'PATCH'])
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })
})
