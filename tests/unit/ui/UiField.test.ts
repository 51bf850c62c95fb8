import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, type PropType } from 'vue'
import UiField, { type UiFieldSlotProps } from '@/ui/UiField.vue'
import UiTextInput from '@/ui/UiTextInput.vue'

const XSS = '<img src=x onerror=alert(1)>'

type Control = 'input' | 'textarea' | 'select'

// A page-like parent: the control is whatever element the page puts in the slot.
function mountField(props: Record<string, unknown>, control: Control = 'input') {
  const Page = defineComponent({
    props: { fieldProps: { type: Object as PropType<Record<string, unknown>>, required: true } },
    setup(p) {
      return () =>
        h(
          UiField,
          { label: '氏名', ...p.fieldProps },
          { default: (slot: UiFieldSlotProps) => h(control, { ...slot.attrs, class: 'dxp-control' }) },
        )
    },
  })
  return mount(Page, { props: { fieldProps: props } })
}

function describedTexts(wrapper: ReturnType<typeof mountField>, control: Control = 'input'): string[] {
  const ids = wrapper.get(control).attributes('aria-describedby')?.split(' ') ?? []
  return ids.map((id) => wrapper.get(`[id="${id}"]`).text())
}

describe('UiField', () => {
  it.each(['input', 'textarea', 'select'] as const)(
    'binds the visible label to a slotted <%s>',
    (control) => {
      const wrapper = mountField({}, control)
      const id = wrapper.get(control).attributes('id')
      expect(id).toBeTruthy()
      expect(wrapper.get('label').attributes('for')).toBe(id)
      expect(wrapper.get('label').text()).toContain('氏名')
    },
  )

  it('gives two fields on one page different ids', () => {
    const field = (label: string) =>
      h(UiField, { label }, { default: (slot: UiFieldSlotProps) => h('input', slot.attrs) })
    const wrapper = mount({ render: () => [field('姓'), field('名')] })
    const [a, b] = wrapper.findAll('input').map((input) => input.attributes('id'))
    expect(a).toBeTruthy()
    expect(a).not.toBe(b)
    expect(wrapper.findAll('label').map((label) => label.attributes('for'))).toEqual([a, b])
  })

  it('uses an explicit id when given', () => {
    const wrapper = mountField({ id: 'employee-name' })
    expect(wrapper.get('input').attributes('id')).toBe('employee-name')
    expect(wrapper.get('label').attributes('for')).toBe('employee-name')
  })

  it('has no aria-describedby and is not invalid with neither hint nor error', () => {
    const input = mountField({}).get('input')
    expect(input.attributes('aria-describedby')).toBeUndefined()
    expect(input.attributes('aria-invalid')).toBeUndefined()
  })

  it('describes the control by its hint', () => {
    const wrapper = mountField({ hint: '姓と名の間にスペース' })
    expect(describedTexts(wrapper)).toEqual(['姓と名の間にスペース'])
  })

  it('describes the control by hint and error together, hint first', () => {
    const wrapper = mountField({ hint: '全角で入力', error: '氏名を入力してください' })
    expect(describedTexts(wrapper)).toEqual(['全角で入力', '氏名を入力してください'])
  })

  it.each(['input', 'textarea', 'select'] as const)(
    'toggles aria-invalid on a <%s> with the error',
    async (control) => {
      const wrapper = mountField({}, control)
      expect(wrapper.get(control).attributes('aria-invalid')).toBeUndefined()
      await wrapper.setProps({ fieldProps: { error: '選択してください' } })
      expect(wrapper.get(control).attributes('aria-invalid')).toBe('true')
      expect(describedTexts(wrapper, control)).toEqual(['選択してください'])
      await wrapper.setProps({ fieldProps: {} })
      expect(wrapper.get(control).attributes('aria-invalid')).toBeUndefined()
      expect(wrapper.find('.ui-field__error').exists()).toBe(false)
    },
  )

  it('treats an empty error string as no error', () => {
    const input = mountField({ error: '' }).get('input')
    expect(input.attributes('aria-invalid')).toBeUndefined()
  })

  it('shows the required marker inside the label and marks the control required', () => {
    const wrapper = mountField({ required: true, requiredLabel: '必須' })
    expect(wrapper.get('label .ui-field__marker--required').text()).toBe('必須')
    expect(wrapper.get('input').attributes('aria-required')).toBe('true')
  })

  it('shows the optional marker only for optional fields', () => {
    expect(mountField({ optionalLabel: '任意' }).get('label .ui-field__marker').text()).toBe('任意')
    const required = mountField({ required: true, requiredLabel: '必須', optionalLabel: '任意' })
    expect(required.text()).not.toContain('任意')
  })

  it('renders label, hint and error as text, not markup', () => {
    const wrapper = mountField({ label: XSS, hint: XSS, error: XSS })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain(XSS)
  })
})

describe('UiTextInput', () => {
  it('is a labelled input described by hint and error', () => {
    const wrapper = mount(UiTextInput, {
      props: { label: 'メール', hint: '庁内アドレス', error: '形式が違います', type: 'email' },
    })
    const input = wrapper.get('input')
    expect(input.attributes('type')).toBe('email')
    expect(wrapper.get('label').attributes('for')).toBe(input.attributes('id'))
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('aria-describedby')?.split(' ')).toHaveLength(2)
  })

  it('emits the typed string for v-model', async () => {
    const wrapper = mount(UiTextInput, { props: { label: '氏名', modelValue: '' } })
    await wrapper.get('input').setValue('厚木 太郎')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['厚木 太郎'])
  })

  it.each([
    ['12.5', 12.5],
    ['', null],
  ])('emits a number (or null) for type="number": %j -> %j', async (typed, expected) => {
    const wrapper = mount(UiTextInput, { props: { label: '時間', type: 'number', modelValue: 1 } })
    await wrapper.get('input').setValue(typed)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([expected])
  })

  it('shows the model value', () => {
    const wrapper = mount(UiTextInput, { props: { label: '日付', type: 'date', modelValue: '2025-04-01' } })
    expect(wrapper.get('input').element.value).toBe('2025-04-01')
  })

  it('passes attributes to the input and class to the wrapper', () => {
    const wrapper = mount(UiTextInput, {
      props: { label: '氏名' },
      attrs: { autocomplete: 'name', placeholder: '例', class: 'wide' },
    })
    const input = wrapper.get('input')
    expect(input.attributes('autocomplete')).toBe('name')
    expect(input.attributes('placeholder')).toBe('例')
    expect(input.classes()).not.toContain('wide')
    expect(wrapper.classes()).toContain('wide')
  })
})
