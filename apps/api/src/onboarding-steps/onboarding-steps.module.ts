import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Application } from '@app/models';
import { ApplicationsModule } from '../applications/applications.module';
import { NucInstallationController, OnboardingStepsController } from './onboarding-steps.controller';
import { OnboardingStepsService } from './onboarding-steps.service';
import { PinService } from './pin.service';

@Module({
  imports: [ApplicationsModule, TypeOrmModule.forFeature([Application])],
  controllers: [OnboardingStepsController, NucInstallationController],
  providers: [OnboardingStepsService, PinService],
})
export class OnboardingStepsModule {}
