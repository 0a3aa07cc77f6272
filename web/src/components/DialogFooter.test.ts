import { describe, expect, it } from 'vitest'
import { mountWithApp } from '@/test/mount'
import DialogFooter from './DialogFooter.vue'

describe('DialogFooter', () => {
  it('shows Cancel and the confirming button, and says which was clicked', async () => {
    const w = mountWithApp(DialogFooter, { props: { confirmText: '派单', confirmTestid: 'bulk-confirm' } })
    const buttons = w.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['取消', '派单'])
    expect(buttons[1]!.attributes('data-testid')).toBe('bulk-confirm')
    expect(buttons[1]!.classes()).toContain('el-button--primary')
    await buttons[0]!.trigger('click')
    await buttons[1]!.trigger('click')
    expect(Object.keys(w.emitted())).toEqual(expect.arrayContaining(['cancel', 'confirm']))
    expect(w.emitted('cancel')).toHaveLength(1)
    expect(w.emitted('confirm')).toHaveLength(1)
  })

  it('takes another cancel text and type, and greys the button while busy or disabled', async () => {
    const w = mountWithApp(DialogFooter, { props: { confirmText: '结束', cancelText: '关闭', type: 'danger', busy: true } })
    const buttons = w.findAll('button')
    expect(buttons[0]!.text()).toBe('关闭')
    expect(buttons[1]!.classes()).toEqual(expect.arrayContaining(['el-button--danger', 'is-loading']))
    expect(buttons[1]!.attributes('data-testid')).toBeUndefined()

    await w.setProps({ busy: false, disabled: true })
    expect(buttons[1]!.attributes('disabled')).toBeDefined()
    await buttons[1]!.trigger('click')
    expect(w.emitted('confirm')).toBeUndefined()
  })
})
