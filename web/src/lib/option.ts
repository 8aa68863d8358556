import type { ReactNode } from 'react';
import type { PickerFieldProps } from '@/components/search-picker';

/** Draws one of the app's pickers; a feature gets it from the app, which wires features together. */
export type RenderPicker = (props: PickerFieldProps) => ReactNode;
/** The organization feature's picker. */
export type RenderOrganizationPicker = RenderPicker;
/** The workspace feature's picker. */
export type RenderWorkspacePicker = RenderPicker;
