// The admin screens of a subdistrict admin: a category, a routing rule and the
// working calendar are created, changed and removed through the pages, and
// the API shows each change. Refusals (the app's own and the server's) appear
// at the field they concern. Other roles do not see the screens.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, choose, api } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

// Unique per run, so the file can run again against the same server.
const RUN = Date.now().toString(36)
const CODE = `e2e.corridor_${RUN}`
const NAME = `楼道堆物${RUN}`

/** The error Element Plus shows under the form field holding `#id`. */
async function fieldError(page, id) {
  const error = page.locator(`.el-form-item:has(#${id}) .el-form-item__error`)
  await error.waitFor()
  return (await error.textContent()).trim()
}

test('an admin adds and changes a category, and a code taken meanwhile is refused at the code field', async () => {
  const page = await openPage(browser)
  await goto(page, '/admin/categories')
  await page.locator('[data-testid="categories-table"] .el-table__body tr').first().waitFor()
  await settled(page)
  await screenshot(page, 'admin-categories')

  // Someone else takes a code after the page loaded: only the server can tell.
  const taken = `e2e.taken_${RUN}`
  await api('admin', 'POST', '/categories', { code: taken, name_zh: '占用', name_en: 'Taken' })
  await page.getByTestId('category-new').click()
  const dialog = page.getByTestId('category-dialog')
  await dialog.waitFor()
  await page.locator('#cat-code').fill(taken)
  await page.locator('#cat-name_zh').fill(NAME)
  await page.locator('#cat-name_en').fill('Things left in corridors')
  await page.getByTestId('cat-save').click()
  assert.equal(await fieldError(page, 'cat-code'), '这个编码已被其他类别使用')

  // A code the app knows is taken is refused before sending; a bad pinyin too.
  await page.locator('#cat-code').fill('dispute')
  await page.locator('#cat-pinyin').fill('ld1')
  await page.getByTestId('cat-save').click()
  assert.equal(await fieldError(page, 'cat-code'), '这个编码已被其他类别使用')

  await page.locator('#cat-code').fill(CODE)
  await page.locator('#cat-pinyin').fill('LDDW')
  await choose(page, page.getByTestId('cat-parent'), '矛盾纠纷')
  await choose(page, page.getByTestId('cat-level'), '小事')
  await choose(page, page.getByTestId('cat-path'), '物业公司')
  await page.locator('#cat-resolve').fill('12')
  await page.locator('#cat-resolve').press('Tab')
  await screenshot(page, 'admin-category-dialog')
  await page.getByTestId('cat-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(`[data-code="${CODE}"]`).waitFor()

  let stored = (await api('admin', 'GET', '/categories')).items.find((c) => c.code === CODE)
  assert.ok(stored, 'the new category is in the API')
  assert.deepEqual(
    { zh: stored.name_zh, en: stored.name_en, pinyin: stored.pinyin, parent: stored.parent_id, level: stored.level, path: stored.path, resolve: stored.hours.resolve, enabled: stored.enabled },
    { zh: NAME, en: 'Things left in corridors', pinyin: 'lddw', parent: 1, level: 'small', path: 'property_company', resolve: 12, enabled: true },
  )

  // Edit: a better English name, and switched off.
  await page.locator(`[data-edit="${CODE}"]`).click()
  await dialog.waitFor()
  assert.equal(await page.locator('#cat-code').inputValue(), CODE)
  await page.locator('#cat-name_en').fill('Clutter in corridors')
  await page.getByTestId('cat-enabled').click()
  await page.getByTestId('cat-save').click()
  await dialog.waitFor({ state: 'hidden' })
  stored = (await api('admin', 'GET', '/categories')).items.find((c) => c.code === CODE)
  assert.equal(stored.name_en, 'Clutter in corridors')
  assert.equal(stored.enabled, false)
  // Switch it on again for the routing rule below.
  await api('admin', 'PATCH', `/categories/${stored.id}`, { enabled: true })
  assert.deepEqual(page.problems.filter((p) => !p.includes('/api/v1/categories')), [])
  await page.context().close()
})

test('an admin adds, changes and deletes a routing rule', async () => {
  const category = (await api('admin', 'GET', '/categories')).items.find((c) => c.code === CODE)
  assert.ok(category, 'the category of the previous test')
  const page = await openPage(browser)
  await goto(page, '/admin/routing-rules')
  await page.locator('[data-testid="rules-table"] .el-table__body tr').first().waitFor()
  await settled(page)
  const before = (await api('admin', 'GET', '/routing-rules')).items.map((r) => r.id)

  await page.getByTestId('rule-new').click()
  const dialog = page.getByTestId('rule-dialog')
  await dialog.waitFor()
  // Without a handler the rule is refused at that field.
  await page.getByTestId('rule-save').click()
  assert.equal(await fieldError(page, 'rule-handler'), '必填')

  await choose(page, page.getByTestId('rule-handler'), '社区民警')
  await page.locator('#rule-priority').fill('95')
  await page.locator('#rule-category_id').click()
  await page.keyboard.type(CODE)
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: NAME }).first().waitFor()
  await page.keyboard.press('Enter')
  await dialog.getByText('六', { exact: true }).click()
  await dialog.getByText('日', { exact: true }).click()
  await page.locator('#rule-hour_from').fill('18')
  await page.locator('#rule-hour_to').fill('8')
  await page.locator('#rule-hour_to').press('Tab')
  await page.locator('#rule-note').fill('周末夜间楼道堆物由民警劝导')
  await screenshot(page, 'admin-rule-dialog')
  await page.getByTestId('rule-save').click()
  await dialog.waitFor({ state: 'hidden' })

  const created = (await api('admin', 'GET', '/routing-rules')).items.find((r) => !before.includes(r.id))
  assert.ok(created, 'the new rule is in the API')
  assert.deepEqual(
    {
      handler: created.handler,
      priority: created.priority,
      category: created.category_id,
      mask: created.weekday_mask,
      from: created.hour_from,
      to: created.hour_to,
      note: created.note,
      enabled: created.enabled,
    },
    { handler: 'police', priority: 95, category: category.id, mask: 0b1100000, from: 18, to: 8, note: '周末夜间楼道堆物由民警劝导', enabled: true },
  )
  const row = page.locator('[data-testid="rules-table"] .el-table__body tr', { has: page.locator(`[data-rule-id="${created.id}"]`) })
  await row.waitFor()
  assert.match(await row.textContent(), new RegExp(`${NAME}.*星期 六、日.*18:00–08:00`))
  await screenshot(page, 'admin-routing-rules')

  // Edit: a lower priority.
  await page.locator(`[data-edit-rule="${created.id}"]`).click()
  await dialog.waitFor()
  await page.locator('#rule-priority').fill('60')
  await page.getByTestId('rule-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const changed = (await api('admin', 'GET', '/routing-rules')).items.find((r) => r.id === created.id)
  assert.equal(changed.priority, 60)
  assert.equal(changed.weekday_mask, 0b1100000)

  // Delete, after confirming.
  await page.locator(`[data-delete-rule="${created.id}"]`).click()
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await row.waitFor({ state: 'detached' })
  assert.ok(!(await api('admin', 'GET', '/routing-rules')).items.some((r) => r.id === created.id), 'the rule is gone from the API')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('an admin marks a holiday and a make-up workday on the work calendar and makes one ordinary again', async () => {
  // Days far ahead, so no deadline of the other tests moves.
  const HOLIDAY = '2027-02-10' // a Wednesday
  const WORKDAY = '2027-02-07' // a Sunday
  const page = await openPage(browser)
  await goto(page, '/admin/calendar')
  await page.getByTestId('calendar-form').waitFor()
  await settled(page)

  async function setDay(day, kind, note) {
    const input = page.locator('#cal-day')
    await input.fill(day)
    await input.press('Enter')
    await page.getByTestId('cal-kind').getByText(kind, { exact: true }).click()
    await page.locator('#cal-note').fill(note)
    await page.getByTestId('cal-save').click()
  }

  // A make-up workday on a weekday is refused at the kind.
  await setDay('2027-02-09', '调休上班', '')
  assert.equal((await page.locator('.el-form-item.is-error .el-form-item__error').textContent()).trim(), '调休上班日应是周六或周日')

  await setDay(HOLIDAY, '节假日', '春节')
  await page.locator(`[data-testid="calendar-days"] li[data-day="${HOLIDAY}"]`).waitFor()
  await setDay(WORKDAY, '调休上班', '春节调休')
  await page.locator(`[data-testid="calendar-days"] li[data-day="${WORKDAY}"]`).waitFor()
  // The calendar shows the marks in their month.
  await page.locator(`[data-cell="${HOLIDAY}"].is-holiday`).waitFor()
  await settled(page)
  await screenshot(page, 'admin-calendar')

  let days = (await api('admin', 'GET', '/calendar')).items
  assert.deepEqual(days.find((d) => d.day === HOLIDAY), { day: HOLIDAY, kind: 'holiday', note: '春节' })
  assert.deepEqual(days.find((d) => d.day === WORKDAY), { day: WORKDAY, kind: 'workday', note: '春节调休' })

  await page.locator(`[data-remove-day="${WORKDAY}"]`).click()
  await page.locator('.el-message-box').getByRole('button', { name: '恢复为普通日' }).click()
  await page.locator(`[data-testid="calendar-days"] li[data-day="${WORKDAY}"]`).waitFor({ state: 'detached' })
  days = (await api('admin', 'GET', '/calendar')).items
  assert.ok(!days.some((d) => d.day === WORKDAY), 'the make-up workday is gone')
  assert.ok(days.some((d) => d.day === HOLIDAY), 'the holiday stays')
  // Leave the server as it was found.
  await api('admin', 'DELETE', `/calendar/${HOLIDAY}`)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('only subdistrict admins see the admin screens', async () => {
  const page = await openPage(browser, { as: 'secretary' })
  await goto(page, '/cases')
  await page.locator('.nav-menu [data-nav="/cases"]').waitFor()
  assert.equal(await page.locator('.nav-menu [data-nav^="/admin/"]').count(), 0)
  await goto(page, '/admin/routing-rules')
  await page.waitForURL((u) => u.pathname === '/forbidden')
  await page.context().close()
})
