// The actions of one table row: the frequent ones in the row, the others behind one 「…」 button,
// so that the actions column stays narrow and every row fits the screen.
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoreIcon } from './icons';

interface Action {
  key: string;
  /** What the action does (「編集」): the tooltip of its icon, its text in the menu. */
  label: string;
  /** Its accessible name, naming the row (「田中 太郎 を編集」), in the row and in the menu alike. */
  ariaLabel: string;
  onClick: () => void;
}

/** An icon button in the row (`inline`), or an item of the row's menu. */
export type RowAction = Action & ({ inline: true; icon: ReactNode } | { inline?: false; icon?: ReactNode; disabled?: boolean });

/**
 * `name` names the row for the menu button (「田中 太郎 の操作」); `actions` may hold `false` for an
 * action the row does not offer.
 */
export function RowActions({ name, actions }: { name: string; actions: (RowAction | false)[] }) {
  const { t } = useTranslation();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const offered = actions.filter((a): a is RowAction => a !== false);
  const inline = offered.filter((a) => a.inline === true);
  const menu = offered.filter((a) => a.inline !== true);
  // In a menu where some items have an icon, the others keep their text in line with them.
  const menuIcons = menu.some((a) => a.icon);
  const close = () => setAnchor(null);
  return (
    <>
      {inline.map((a) => (
        <Tooltip key={a.key} title={a.label}>
          <IconButton aria-label={a.ariaLabel} onClick={a.onClick}>
            {a.icon}
          </IconButton>
        </Tooltip>
      ))}
      {menu.length ? (
        <>
          <Tooltip title={t('layout.moreActions')}>
            <IconButton
              aria-label={t('layout.rowActions', { name })}
              aria-haspopup="menu"
              aria-controls={anchor ? menuId : undefined}
              aria-expanded={anchor ? 'true' : undefined}
              onClick={(e) => setAnchor(e.currentTarget)}
            >
              <MoreIcon />
            </IconButton>
          </Tooltip>
          <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
            {menu.map((a) => (
              <MenuItem
                key={a.key}
                aria-label={a.ariaLabel}
                disabled={a.disabled}
                onClick={() => {
                  close();
                  a.onClick();
                }}
              >
                {a.icon ? <ListItemIcon>{a.icon}</ListItemIcon> : null}
                <ListItemText inset={menuIcons && !a.icon}>{a.label}</ListItemText>
              </MenuItem>
            ))}
          </Menu>
        </>
      ) : null}
    </>
  );
}
