// Mounts a component with the app's i18n and Element Plus, as main.ts does.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import { i18n } from '@/i18n'
import { installElement } from '@/plugins/element'

export function mountWithApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  return mount(component, {
    ...options,
    global: {
      ...(options.global ?? {}),
      plugins: [i18n, { install: installElement }, ...(options.global?.plugins ?? [])],
    },
  } as ComponentMountingOptions<C>)
}
