import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useTheme } from '@mui/material/styles';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { AccountIcon, MenuIcon } from '@/components/icons';
import { QueryState } from '@/components/query-state';
import { useLogout } from '@/features/account/hooks/use-account';
import { setLanguage, type Language } from '@/i18n';
import type { SessionUser } from '@/lib/auth-store';
import { navItemsFor } from './nav-items';

function isActive(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

export function TopNav({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Box component="nav" aria-label={t('nav.label')} sx={{ display: 'flex', gap: 0.5, flexGrow: 1, overflowX: 'auto' }}>
      {navItemsFor(user.role).map((item) => {
        const active = isActive(item.path, pathname);
        return (
          <Button
            key={item.key}
            component={RouterLink}
            to={item.path}
            aria-current={active ? 'page' : undefined}
            color="inherit"
            sx={{
              borderRadius: 0,
              py: 2,
              px: 2,
              whiteSpace: 'nowrap',
              borderBottom: 3,
              borderColor: active ? 'primary.main' : 'transparent',
              color: active ? 'primary.main' : 'text.primary',
            }}
          >
            {t(`nav.${item.key}`)}
          </Button>
        );
      })}
    </Box>
  );
}

/**
 * The same tabs on a narrow screen (a phone, a tablet upright): a menu button opens them in a drawer,
 * in the same order, the current one marked.
 */
export function MobileNav({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton
        edge="start"
        aria-label={t('layout.openNavigation')}
        aria-controls={open ? 'mobile-nav' : undefined}
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <MenuIcon />
      </IconButton>
      <Drawer open={open} onClose={() => setOpen(false)} slotProps={{ paper: { 'aria-label': t('nav.label') } }}>
        <Box component="nav" id="mobile-nav" aria-label={t('nav.label')} sx={{ width: 280, maxWidth: '80vw' }}>
          <Typography variant="h6" component="p" fontWeight={700} sx={{ color: 'primary.main', px: 2, py: 2 }}>
            {t('app.name')}
          </Typography>
          <Divider />
          <List>
            {navItemsFor(user.role).map((item) => {
              const active = isActive(item.path, pathname);
              return (
                <ListItem key={item.key} disablePadding>
                  <ListItemButton
                    component={RouterLink}
                    to={item.path}
                    selected={active}
                    aria-current={active ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    <ListItemText primary={t(`nav.${item.key}`)} />
                  </ListItemButton>
                </ListItem>
              );
            })}
          </List>
        </Box>
      </Drawer>
    </>
  );
}

function UserMenu({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  const choose = (lang: Language) => {
    setLanguage(lang);
    close();
  };
  return (
    <>
      <IconButton
        aria-label={t('userMenu.open')}
        aria-haspopup="menu"
        aria-controls={anchor ? 'user-menu' : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <AccountIcon />
      </IconButton>
      <Menu id="user-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
        <Box sx={{ px: 2, py: 1 }}>
          <Typography fontWeight={700}>{user.name}</Typography>
          <Typography variant="body2" color="text.secondary">
            {user.email}
          </Typography>
        </Box>
        <Divider />
        <MenuItem
          onClick={() => {
            close();
            navigate('/profile');
          }}
        >
          {t('userMenu.profile')}
        </MenuItem>
        {user.role !== 'User' ? (
          <MenuItem
            onClick={() => {
              close();
              navigate('/audit');
            }}
          >
            {t('userMenu.audit')}
          </MenuItem>
        ) : null}
        {user.role === 'SuperAdmin' ? (
          <MenuItem
            onClick={() => {
              close();
              navigate('/import');
            }}
          >
            {t('userMenu.import')}
          </MenuItem>
        ) : null}
        <Divider />
        <MenuItem selected={i18n.language === 'ja'} onClick={() => choose('ja')} lang="ja">
          <ListItemText>日本語</ListItemText>
        </MenuItem>
        <MenuItem selected={i18n.language === 'en'} onClick={() => choose('en')} lang="en">
          <ListItemText>English</ListItemText>
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            close();
            logout.mutate();
          }}
        >
          {t('userMenu.logout')}
        </MenuItem>
      </Menu>
    </>
  );
}

export function AppLayout({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  // The seven tabs need about 1 100 px beside the name and the user menu (English too).
  const narrow = useMediaQuery(useTheme().breakpoints.down('lg'), { noSsr: true });
  return (
    <Box sx={{ minHeight: '100vh' }}>
      <AppBar position="sticky" color="inherit" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: 2 }}>
          {narrow ? <MobileNav user={user} /> : null}
          <Typography component={RouterLink} to="/" variant="h6" fontWeight={700} sx={{ color: 'primary.main', textDecoration: 'none', whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </Typography>
          {narrow ? <Box sx={{ flexGrow: 1 }} /> : <TopNav user={user} />}
          <UserMenu user={user} />
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="xl" sx={{ py: 3 }}>
        <Suspense
          fallback={
            <QueryState isLoading error={null}>
              {null}
            </QueryState>
          }
        >
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}
