import { useNavigate } from 'react-router-dom';
import { OnboardingWizard } from '@/features/setup/components/onboarding-wizard';

export default function SetupRoute({ initialStep }: { initialStep: number }) {
  const navigate = useNavigate();
  return <OnboardingWizard initialStep={initialStep} onFinish={() => navigate('/', { replace: true })} />;
}
