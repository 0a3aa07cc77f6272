import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountWithApp } from '@/test/mount'
import { ApiError } from '@/api/client'
import OnBehalfDialog from './OnBehalfDialog.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function open(send: (h: number, b: string | null) => Promise<unknown>, ballot = true) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [], total: 0 }), { status: 200 })))
  const wrapper = mountWithApp(OnBehalfDialog, {
    props: { modelValue: false, title: '登记纸质选票', ballot, send },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}
const save = () => document.querySelector<HTMLElement>('[data-testid="behalf-save"]')!.click()
const fieldError = (id: string) =>
  document.querySelector(`#${id}`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''

describe('OnBehalfDialog', () => {
  it('asks for the household and the ballot before sending', async () => {
    const send = vi.fn()
    await open(send)
    save()
    await settle()
    expect(fieldError('behalf-household_id')).toBe('必填')
    expect(fieldError('behalf-ballot')).toBe('必填')
    expect(send).not.toHaveBeenCalled()
  })

  it('shows a second vote of the household at the household, and closes once a vote is taken', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(409, 'conflict', 'household 5 has already voted', {}))
      .mockResolvedValueOnce({ id: 3 })
    const wrapper = await open(send)
    const vm = wrapper.findComponent({ name: 'HouseholdPicker' })
    vm.vm.$emit('update:modelValue', 5)
    await flushPromises()
    document.querySelectorAll<HTMLElement>('[data-testid="behalf-ballot"] label')[0].click()
    await flushPromises()
    save()
    await settle()
    expect(send).toHaveBeenCalledWith(5, 'for')
    expect(fieldError('behalf-household_id')).toBe('这户已经投过票')
    expect(wrapper.emitted('saved')).toBeUndefined()
    save()
    await settle()
    expect(wrapper.emitted('saved')?.[0]).toEqual([{ id: 3 }])
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })
})
